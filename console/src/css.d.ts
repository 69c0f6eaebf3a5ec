// Stylesheets imported for their side effect (Vite bundles them); they export nothing the code reads.
declare module '*.css';
