// The clinic's script for examples/scripted.html: makes the designer, sets its properties and
// adds it to the page, all before the designer's module has defined the element (a module
// script runs after the page's own), as a site's script often does.
const designer = document.createElement('hairline-designer');
designer.designStyle = 'sharp';
designer.preset = 'norwood-4';
designer.storageKey = 'none'; // keep nothing of the visitor's design on this device
designer.controls = 'MINIMAL';
document.getElementById('slot').append(designer);
