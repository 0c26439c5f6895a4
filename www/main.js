// Boots the project's own page: the designer is the <hairline-designer> element in
// index.html (hairline-designer.js does everything inside it); this page adds what only a
// whole site has: the offline service worker with its "Update available" notice, `?demo`
// for kiosks, and `window.hairline`, the scripting API of the page's designer (the element).

import './hairline-designer.js';
import { registerOffline } from './ui/offline.js';

const designer = document.querySelector('hairline-designer');
// `?demo` runs the attract loop for screens (`&idle=30` wipes after 30 s without a touch).
const query = new URLSearchParams(window.location.search);
if (query.has('demo')) {
  if (query.has('idle')) designer.setAttribute('idle-timeout', query.get('idle'));
  designer.setAttribute('demo', '');
}
window.hairline = designer;
// The offline worker is registered once the first picture is up (or the engine failed): its
// install downloads every file of the designer again, and on a first visit that download
// and its compile competed with the page's own start (issue 12: first dots on a phone
// 740 → 540 ms, median of ten cold loads, registered at once vs after `ready`).
designer.ready.catch(() => {}).finally(() => {
  registerOffline(new URL('sw.js', document.baseURI), document.getElementById('update'));
});
