// Live countdowns on the board: every second, each [data-due] row gets its time left and its
// colour band (same thresholds as src/modules/web/domain/board.ts). The server's clock is the
// reference: body[data-now] is its time when the page was made, so a wrong client clock does
// not move a legal deadline.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-due]'));
  if (rows.length === 0) return;
  var serverNow = Date.parse(document.body.getAttribute('data-now') || '');
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var LABEL = { calm: '> 24 h', day: '\u2264 24 h', hours: '\u2264 6 h', overdue: 'overdue' };
  function rung(left) {
    if (left <= 0) return 'overdue';
    if (left <= 6 * 3600000) return 'hours';
    if (left <= 24 * 3600000) return 'day';
    return 'calm';
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function text(left) {
    var total = Math.floor(Math.abs(left) / 1000);
    var days = Math.floor(total / 86400);
    var s = (days > 0 ? days + 'd ' : '') + pad(Math.floor((total % 86400) / 3600)) + ':' + pad(Math.floor((total % 3600) / 60)) + ':' + pad(total % 60);
    return left <= 0 ? 'overdue ' + s : s;
  }
  var dues = rows.map(function (row) { return Date.parse(row.getAttribute('data-due')); });
  var bands = rows.map(function (row) { var m = /rung-(\w+)/.exec(row.className); return m ? m[1] : ''; });
  function tick() {
    var now = Date.now() + skew;
    for (var i = 0; i < rows.length; i += 1) {
      var row = rows[i];
      var left = dues[i] - now;
      var band = rung(left);
      if (bands[i] !== band) {
        row.classList.remove('rung-' + bands[i]);
        row.classList.add('rung-' + band);
        bands[i] = band;
        var badge = row.querySelector('.badge');
        if (badge) badge.textContent = LABEL[band];
      }
      row.querySelector('.left').textContent = text(left);
    }
  }
  tick();
  setInterval(tick, 1000);
})();
