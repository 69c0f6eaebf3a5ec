// Entry point: one live event feed for the whole app, then the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { LiveFeed } from './hooks/live.ts';
import { LiveContext } from './hooks/useLive.ts';
import './styles.css';

const feed = new LiveFeed();
feed.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <LiveContext value={feed}>
      <App />
    </LiveContext>
  </StrictMode>,
);
