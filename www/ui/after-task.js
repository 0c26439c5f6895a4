// Runs a function as soon as the page's thread is free after the current task (a frame's:
// its scripts, style, layout and commit), where the app measures what the frame cost
// (issue 12, app/frame-budget.js): a MessageChannel's message is the next task, without a
// timer's clamp. One channel for the page, shared by every designer on it.

let channel = null;
const waiting = [];

/** Runs `fn` once the current task (and the browser's work after it) is done. */
export function afterTask(fn) {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => { for (const run of waiting.splice(0)) run(); };
  }
  waiting.push(fn);
  if (waiting.length === 1) channel.port2.postMessage(0);
}
