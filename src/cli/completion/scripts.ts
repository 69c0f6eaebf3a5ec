// The shell side of completion: each script hands the words typed so far to the hidden
// `fastroute __complete SHELL -- WORDS…`, which answers one candidate per line (commands, flags,
// fixed values, and resource names from the running server). Where it answers nothing (a file
// argument), bash and zsh fall back to their own file completion; fish gets files from it.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# fastroute completion for bash. Load it with:
#   source <(fastroute completion bash)        # or save it under ~/.local/share/bash-completion/completions/fastroute
_fastroute() {
  local IFS=$'\\n'
  COMPREPLY=($(fastroute __complete bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _fastroute fastroute
`;

const ZSH = `#compdef fastroute
# fastroute completion for zsh. Load it with:
#   source <(fastroute completion zsh)         # or save it as _fastroute in a directory of $fpath
_fastroute() {
  local -a candidates
  candidates=("\${(@f)$(fastroute __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then compadd -a candidates; else _files; fi
}
compdef _fastroute fastroute
`;

const FISH = `# fastroute completion for fish. Load it with:
#   fastroute completion fish | source          # or save it as ~/.config/fish/completions/fastroute.fish
function __fastroute_complete
    set -l words (commandline -opc) (commandline -ct)
    fastroute __complete fish -- $words[2..-1] 2>/dev/null
end
complete -c fastroute -f -a '(__fastroute_complete)'
`;

export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell];
}
