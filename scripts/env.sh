# Sourced by the other scripts: puts the project's own tools and cargo on PATH.
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
