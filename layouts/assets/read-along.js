// Read-along for pages with a recording (the audio page, the easy-read page). Progressive enhancement: without this
// script the page still has the player, chapter links (media fragments, #t=seconds) and the full text.
// With it:
// - chapter links move the player and play;
// - the text being spoken is highlighted, following the recording's WebVTT cues (one per sentence);
// - "Keep the words being read in view" scrolls to them, if the reader ticks it (smoothly, unless they ask for less
//   motion);
// - selecting a sentence plays from there. With a keyboard, the text is one Tab stop: arrow keys move between
//   sentences and Enter or Space plays.
// It announces nothing by itself: no live regions, no focus moves while listening.
(function () {
  var player = document.querySelector('audio.player');
  if (!player) return;

  document.querySelectorAll('[data-seek]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      player.currentTime = Number(link.getAttribute('data-seek'));
      void player.play();
      player.focus();
    });
  });

  var trackElement = player.querySelector('track');
  var follow = document.querySelector('[data-read-along]');
  if (!trackElement || !follow) return;

  // Each element that shows words lists the cues it shows ("s4 s5"); a cue belongs to one element.
  var items = Array.prototype.slice.call(follow.querySelectorAll('[data-cue]'));
  var itemOfCue = {};
  items.forEach(function (item) {
    item
      .getAttribute('data-cue')
      .split(' ')
      .forEach(function (id) {
        itemOfCue[id] = item;
      });
  });
  if (!items.length) return;

  var controls = document.createElement('div');
  controls.className = 'read-along-controls';
  // A page may word the help its own way (the easy-read page uses easier words): data-read-along="…".
  var help = document.createElement('p');
  help.className = 'read-along-help';
  help.id = 'read-along-help';
  help.textContent =
    follow.getAttribute('data-read-along') ||
    'The words being read are highlighted. To listen from a sentence, select it. ' +
      'With a keyboard, press Tab to reach the text, the arrow keys to move, and Enter to listen from there.';
  controls.appendChild(help);
  var option = document.createElement('p');
  option.innerHTML = '<label><input type="checkbox" id="read-along-follow"> Keep the words being read in view</label>';
  controls.appendChild(option);
  follow.parentNode.insertBefore(controls, follow);
  var keepInView = controls.querySelector('#read-along-follow');
  var reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  var current = null;
  var focusable = items[0];
  items.forEach(function (item) {
    item.classList.add('read-along-item');
    item.setAttribute('tabindex', item === focusable ? '0' : '-1');
  });
  follow.setAttribute('aria-describedby', 'read-along-help');

  function moveTabStop(item) {
    focusable.setAttribute('tabindex', '-1');
    item.setAttribute('tabindex', '0');
    focusable = item;
  }

  function highlight(item) {
    if (item === current) return;
    if (current) current.classList.remove('is-being-read');
    current = item;
    if (!item) return;
    item.classList.add('is-being-read');
    // The reader's keyboard position follows the recording only if they are not in the text themselves.
    if (!follow.contains(document.activeElement)) moveTabStop(item);
    if (keepInView.checked)
      item.scrollIntoView({ block: 'nearest', behavior: reduceMotion.matches ? 'auto' : 'smooth' });
  }

  var cues = [];
  function cueAt(time) {
    // Cues are in order and do not overlap: the last one that started, if it has not ended.
    var low = 0;
    var high = cues.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (cues[middle].startTime <= time) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found >= 0 && time < cues[found].endTime + 0.5 ? cues[found] : null;
  }
  function update() {
    var cue = cueAt(player.currentTime);
    highlight(cue ? itemOfCue[cue.id] || null : null);
  }
  var startOf = {};
  function ready() {
    var list = trackElement.track.cues;
    if (!list) return;
    cues = Array.prototype.slice.call(list);
    cues.forEach(function (cue) {
      if (!(cue.id in startOf)) startOf[cue.id] = cue.startTime;
    });
    update();
  }
  trackElement.track.mode = 'hidden';
  trackElement.addEventListener('load', ready);
  if (trackElement.readyState === 2) ready();
  ['timeupdate', 'seeked', 'play'].forEach(function (type) {
    player.addEventListener(type, update);
  });

  function playFrom(item) {
    var first = item.getAttribute('data-cue').split(' ')[0];
    if (!(first in startOf)) return;
    player.currentTime = startOf[first];
    void player.play();
    highlight(item);
  }
  items.forEach(function (item) {
    item.addEventListener('click', function () {
      moveTabStop(item);
      playFrom(item);
    });
  });
  follow.addEventListener('keydown', function (event) {
    var index = items.indexOf(event.target);
    if (index < 0) return;
    var next = null;
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') next = items[Math.min(items.length - 1, index + 1)];
    else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') next = items[Math.max(0, index - 1)];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      playFrom(event.target);
      return;
    }
    if (!next) return;
    event.preventDefault();
    moveTabStop(next);
    next.focus();
  });
})();
