(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var query = document.getElementById('f-q');
  var selects = {
    status: document.getElementById('f-status'),
    severity: document.getElementById('f-severity'),
    review: document.getElementById('f-review'),
    rule: document.getElementById('f-rule'),
    source: document.getElementById('f-source')
  };
  var shown = document.getElementById('shown');
  var text = findings.map(function (f) { return f.textContent.toLowerCase(); });
  function matches(f, i) {
    var s = selects;
    var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    return (!s.status.value || f.dataset.status === s.status.value)
      && (!s.severity.value || f.dataset.severity === s.severity.value)
      && (!s.review.value || f.dataset.review === s.review.value)
      && (!s.rule.value || f.dataset.rule === s.rule.value)
      && (!s.source.value || f.dataset.sources.split('\n').indexOf(s.source.value) >= 0)
      && words.every(function (w) { return text[i].indexOf(w) >= 0; });
  }
  function apply() {
    var n = 0;
    findings.forEach(function (f, i) {
      var ok = matches(f, i);
      f.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + findings.length + ' findings shown';
    var parts = [];
    Object.keys(selects).forEach(function (key) {
      if (selects[key].value) { parts.push(key + '=' + encodeURIComponent(selects[key].value)); }
    });
    if (query.value) { parts.push('q=' + encodeURIComponent(query.value)); }
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname);
  }
  location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
    var i = kv.indexOf('=');
    if (i < 0) { return; }
    var key = kv.slice(0, i), value = decodeURIComponent(kv.slice(i + 1));
    if (key === 'q') { query.value = value; return; }
    var select = selects[key];
    if (select && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) { select.value = value; }
  });
  Object.keys(selects).forEach(function (key) { selects[key].addEventListener('change', apply); });
  query.addEventListener('input', apply);
  apply();
})();
