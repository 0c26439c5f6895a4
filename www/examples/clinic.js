// The example clinic page's script (embed.html): listens to the first designer's events,
// the way a clinic would show a summary next to it or send a visitor to booking.

const first = document.getElementById('first');
const summary = document.getElementById('first-summary');
const show = () => {
  const { dots, area_cm2: area } = first.stats();
  summary.value = `${dots.toLocaleString('en-US')} impressions over ${area.toFixed(1)} cm², ${first.getDesign().style} style`;
};
first.addEventListener('ready', show);
first.addEventListener('designchange', show);
