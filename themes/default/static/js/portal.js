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

  // wrap breaks a label into lines of about width characters, at spaces,
  // and cuts it short after most lines (the table beside has it whole).
  function wrap(text, width, most) {
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
    if (lines.length > most) {
      lines = lines.slice(0, most);
      lines[most - 1] = lines[most - 1].replace(/\s*\S{0,2}$/, '') + '…';
    }
    return lines.join('\n');
  }

  // The colours of categories' names, as the options give them (for a light
  // page), and the same hues for a dark page: charts.CategoryColours and
  // charts.CategoryColoursDark.
  var categoryLight = ['#0066aa', '#a3400b', '#00745a', '#8a3d86', '#6b5a00', '#b0126b', '#4b5bb8', '#555f6d'];
  var categoryDark = ['#7fbfff', '#ff9e6b', '#5ed3a8', '#e19ee0', '#e3cf5b', '#ff8fc0', '#a9b4ff', '#c3cad6'];

  function forDark(colour) {
    var i = categoryLight.indexOf(colour);
    return i < 0 ? colour : categoryDark[i];
  }

  // recolour gives the names of a radar's axes, a dot plot's rows and a
  // skills matrix's columns their category's colour for a dark page.
  function recolour(option) {
    var i;
    var indicators = option.radar && option.radar.indicator || [];
    for (i = 0; i < indicators.length; i++) {
      if (indicators[i].color) {
        indicators[i].color = forDark(indicators[i].color);
      }
    }
    var axes = [].concat(option.xAxis || [], option.yAxis || []);
    for (var a = 0; a < axes.length; a++) {
      var names = axes[a] && axes[a].data || [];
      for (i = 0; i < names.length; i++) {
        if (names[i] && names[i].textStyle && names[i].textStyle.color) {
          names[i].textStyle.color = forDark(names[i].textStyle.color);
        }
      }
    }
  }

  // fit keeps axis names inside narrow containers. A radar's names wrap,
  // and the radar shrinks to leave them room; a dot plot's row names wrap
  // onto two lines at most, and on a phone are cut short (the table below
  // has them whole).
  function fit(chart) {
    var option = chart.getOption();
    var narrow = chart.getWidth() < 480;
    if (option.legend && option.legend.length && option.legend[0].type === 'scroll') {
      // A line left out until picked is named in grey that still reads.
      chart.setOption({ legend: { inactiveColor: dark ? '#8f98a8' : '#6b7280' } });
    }
    if (option.series && option.series.length && option.series[0].type === 'scatter') {
      chart.setOption({
        yAxis: {
          axisLabel: {
            width: narrow ? 130 : 260,
            overflow: narrow ? 'truncate' : 'break',
            lineHeight: 14,
            fontSize: narrow ? 11 : 12
          }
        }
      });
      return;
    }
    if (option.series && option.series.length && option.series[0].type === 'bar' && option.yAxis && option.yAxis.length && option.yAxis[0].type === 'category') {
      // A bar chart's rows are named on its left: on a phone, shorter, and
      // fewer steps on its scale leave their numbers apart.
      // A legend of several series takes two lines on a phone.
      var legend = option.legend && option.legend.length && option.legend[0].show;
      chart.setOption({
        grid: { bottom: legend ? (narrow ? 56 : 32) : 8 },
        xAxis: { splitNumber: narrow ? 3 : 5 },
        yAxis: { axisLabel: { width: narrow ? 120 : 240, fontSize: narrow ? 11 : 12 } }
      });
      return;
    }
    if (!option.radar || !option.radar.length) {
      return;
    }
    // Beside a wide chart, names take longer lines, so fewer of them.
    var wide = chart.getWidth() >= 720;
    chart.setOption({
      radar: {
        radius: narrow ? '46%' : '58%',
        axisName: {
          color: dark ? '#c9ced8' : '#3d4350',
          fontSize: narrow ? 10 : 12,
          lineHeight: narrow ? 12 : 15,
          formatter: function (name) { return wrap(name, narrow ? 11 : wide ? 26 : 18, narrow || wide ? 2 : 3); }
        }
      }
    });
  }

  // A radar with a dot plot of the same data beside it (data-chart-narrow)
  // gives way to the dot plot where the chart is too narrow for its names.
  var narrowBelow = 480;

  function options(chart) {
    var text = chart.narrow && chart.el.clientWidth < narrowBelow ? chart.narrow.textContent : chart.source.textContent;
    var option = JSON.parse(text);
    // A skills matrix keeps the order its members and columns were put in.
    var cells = option.series && option.series[0] && option.series[0].data || [];
    if (chart.rowPlace) {
      option.yAxis[0].data = permute(option.yAxis[0].data, cells, 1, chart.rowPlace);
    }
    if (chart.columnPlace) {
      option.xAxis[0].data = permute(option.xAxis[0].data, cells, 0, chart.columnPlace);
    }
    if (dark) {
      option.backgroundColor = 'transparent';
      recolour(option);
    }
    return option;
  }

  // show draws a chart's options for its width: the dot plot, as tall as its
  // rows, or the chart as the page gives it.
  function show(chart) {
    var narrow = !!chart.narrow && chart.el.clientWidth < narrowBelow;
    if (chart.instance && narrow === chart.shown) {
      chart.instance.resize();
      fit(chart.instance);
      return;
    }
    chart.shown = narrow;
    if (chart.narrow) {
      chart.el.style.height = narrow ? chart.narrow.getAttribute('data-height') + 'px' : '';
    }
    if (!chart.instance) {
      chart.instance = echarts.init(chart.el, dark ? 'dark' : null, { renderer: 'svg' });
    } else {
      chart.instance.resize();
    }
    chart.instance.setOption(options(chart), true);
    fit(chart.instance);
  }

  function draw() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var sources = document.querySelectorAll('script[type="application/json"][data-chart]');
    for (var i = 0; i < sources.length; i++) {
      var id = sources[i].getAttribute('data-chart');
      var el = document.getElementById(id);
      if (!el || echarts.getInstanceByDom(el)) {
        continue;
      }
      var chart = {
        el: el,
        source: sources[i],
        narrow: document.querySelector('script[type="application/json"][data-chart-narrow="' + id + '"]')
      };
      show(chart);
      charts.push(chart);
    }
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () {
      for (var i = 0; i < charts.length; i++) {
        show(charts[i]);
      }
    });
  });

  // A skills matrix's members can be put in order of name or of their
  // shortfall against their targets, and its competencies in the
  // framework's order or of the team's shortfall in each, in its table and
  // its chart alike; the coverage row stays last, and the category bands
  // over the columns show only in the framework's order. The buttons show
  // only where this script runs.
  function order(list, byShort) {
    list.sort(function (a, b) {
      var d = byShort ? b.getAttribute('data-short') - a.getAttribute('data-short') : 0;
      return d || a.getAttribute('data-i') - b.getAttribute('data-i');
    });
    var place = [];
    for (var i = 0; i < list.length; i++) {
      place[+list[i].getAttribute('data-i')] = i;
    }
    return place;
  }

  // permute puts names and the cells' coordinate at index in the order of
  // place, leaving out of it those beyond it (the coverage row).
  function permute(names, cells, index, place) {
    var sorted = names.slice();
    for (var k = 0; k < place.length; k++) {
      sorted[place[k]] = names[k];
    }
    for (k = 0; k < cells.length; k++) {
      if (cells[k].value[index] < place.length) {
        cells[k].value[index] = place[cells[k].value[index]];
      }
    }
    return sorted;
  }

  function sortMatrix(button) {
    var box = button.parentNode;
    var id = box.getAttribute('data-sort-for');
    var columns = box.hasAttribute('data-sort-columns');
    var byShort = button.getAttribute('data-sort') === 'short';
    var el = document.getElementById(id);
    var figure = el && el.closest('figure');
    var table = figure && figure.querySelector('table.matrix');
    if (!table) {
      return;
    }
    var place, i;
    if (columns) {
      var head = table.tHead.rows[table.tHead.rows.length - 1];
      var ths = Array.prototype.slice.call(head.cells, 1);
      var before = ths.map(function (th) { return +th.getAttribute('data-i'); });
      place = order(ths, byShort);
      var rows = [head].concat(Array.prototype.slice.call(table.tBodies[0].rows), table.tFoot ? Array.prototype.slice.call(table.tFoot.rows) : []);
      for (var r = 0; r < rows.length; r++) {
        var cells = Array.prototype.slice.call(rows[r].cells, 1);
        var byIndex = [];
        for (i = 0; i < cells.length; i++) {
          byIndex[before[i]] = cells[i];
        }
        for (i = 0; i < ths.length; i++) {
          rows[r].appendChild(byIndex[+ths[i].getAttribute('data-i')]);
        }
      }
      if (table.tHead.rows.length > 1) {
        table.tHead.rows[0].hidden = byShort;
      }
    } else {
      var body = table.tBodies[0];
      var members = Array.prototype.slice.call(body.rows);
      place = order(members, byShort);
      for (i = 0; i < members.length; i++) {
        body.appendChild(members[i]);
      }
    }
    var buttons = box.querySelectorAll('button');
    for (i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i] === button));
    }
    for (i = 0; i < charts.length; i++) {
      if (charts[i].el.id === id) {
        charts[i][columns ? 'columnPlace' : 'rowPlace'] = place;
        charts[i].instance.setOption(options(charts[i]), true);
        fit(charts[i].instance);
      }
    }
  }

  function sorters() {
    var boxes = document.querySelectorAll('[data-sort-for]');
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].hidden) {
        continue;
      }
      boxes[i].hidden = false;
      boxes[i].addEventListener('click', function (e) {
        if (e.target.tagName === 'BUTTON') {
          sortMatrix(e.target);
        }
      });
    }
  }

  // Printing lays the page out anew; draw the charts at their printed size.
  function resizeAll() {
    for (var i = 0; i < charts.length; i++) {
      charts[i].instance.resize();
    }
  }
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);

  function start() {
    draw();
    sorters();
  }

  // A private page puts its content in place once it has decrypted it.
  document.addEventListener('portal:content', start);

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
