// Boots the project's own page: the designer is the <hairline-designer> element in
// index.html (hairline-designer.js does everything inside it); this page adds what only a
// whole site has: the offline service worker with its "Update available" notice, and
// `window.hairline`, the scripting API of the page's designer (the element itself).

import './hairline-designer.js';
import { registerOffline } from './ui/offline.js';

const designer = document.querySelector('hairline-designer');
window.hairline = designer;
registerOffline(new URL('sw.js', document.baseURI), document.getElementById('update'));
