// Draws every chart on the page. Each chart is a <div> with an id and a
// <script type="application/json" data-chart="ID"> holding its ECharts
// options; no option is JavaScript, so nothing here evaluates page text.
(function () {
  'use strict';
  var charts = [];
  // Charts follow the system's colour scheme, as the page does; printed
  // pages stay light.
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches &&
    !(window.matchMedia('print').matches);

  // wrap breaks a label into lines of about width characters, at spaces.
  function wrap(text, width) {
    var words = String(text).split(' ');
    var lines = [];
    var line = '';
    for (var i = 0; i < words.length; i++) {
      if (line && line.length + 1 + words[i].length > width) {
        lines.push(line);
        line = words[i];
      } else {
        line = line ? line + ' ' + words[i] : words[i];
      }
    }
    lines.push(line);
    return lines.join('\n');
  }

  // fit keeps radar axis names inside narrow containers: they wrap, and the
  // radar shrinks to leave them room.
  function fit(chart) {
    var option = chart.getOption();
    if (!option.radar || !option.radar.length) {
      return;
    }
    var narrow = chart.getWidth() < 480;
    chart.setOption({
      radar: {
        radius: narrow ? '46%' : '58%',
        axisName: {
          color: dark ? '#c9ced8' : '#3d4350',
          fontSize: narrow ? 10 : 12,
          lineHeight: narrow ? 12 : 15,
          formatter: function (name) { return wrap(name, narrow ? 11 : 18); }
        }
      }
    });
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var sources = document.querySelectorAll('script[type="application/json"][data-chart]');
    for (var i = 0; i < sources.length; i++) {
      var el = document.getElementById(sources[i].getAttribute('data-chart'));
      if (!el || echarts.getInstanceByDom(el)) {
        continue;
      }
      var chart = echarts.init(el, dark ? 'dark' : null, { renderer: 'svg' });
      var option = JSON.parse(sources[i].textContent);
      if (dark) {
        option.backgroundColor = 'transparent';
      }
      chart.setOption(option);
      fit(chart);
      charts.push(chart);
    }
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      for (var i = 0; i < charts.length; i++) {
        charts[i].resize();
        fit(charts[i]);
      }
    });
  });

  // Printing lays the page out anew; draw the charts at their printed size.
  function resizeAll() {
    for (var i = 0; i < charts.length; i++) {
      charts[i].resize();
    }
  }
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);

  // A private page puts its content in place once it has decrypted it.
  document.addEventListener('portal:content', draw);

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
