// Draws every chart on the page. Each chart is a <div> with an id and a
// <script type="application/json" data-chart="ID"> holding its ECharts
// options; no option is JavaScript, so nothing here evaluates page text.
(function () {
  'use strict';
  var charts = [];

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var sources = document.querySelectorAll('script[type="application/json"][data-chart]');
    for (var i = 0; i < sources.length; i++) {
      var el = document.getElementById(sources[i].getAttribute('data-chart'));
      if (!el) {
        continue;
      }
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(JSON.parse(sources[i].textContent));
      charts.push(chart);
    }
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      for (var i = 0; i < charts.length; i++) {
        charts[i].resize();
      }
    });
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
