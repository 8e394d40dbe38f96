/*
 * Draws the report's charts with Apache ECharts (bundled next to this file) from the JSON that index.html embeds
 * in #wmdp-chart-data. Every number shown comes from that JSON; nothing is recomputed here.
 */
(function () {
  'use strict';

  var BASE = 'base';
  var BAR_GAP = '20%';
  var CATEGORY_GAP = '35%';
  var data = JSON.parse(document.getElementById('wmdp-chart-data').textContent);

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function fixed4(x) {
    return x.toFixed(4);
  }

  function describe(label, scores) {
    return escapeHtml(label) + ' ' + escapeHtml(scores.model) + ': ' + fixed4(scores.accuracy) + ' (' +
      scores.correct + '/' + scores.n + '), CI [' + fixed4(scores.lower) + ', ' + fixed4(scores.upper) + ']';
  }

  /** Marks a chart as drawn, for the browser test, once ECharts has finished rendering it. */
  function markWhenRendered(chart, element) {
    chart.on('finished', function () {
      element.setAttribute('data-rendered', 'true');
    });
  }

  function create(element) {
    var chart = echarts.init(element, null, {renderer: 'svg'});
    markWhenRendered(chart, element);
    window.addEventListener('resize', function () {
      chart.resize();
    });
    return chart;
  }

  /** Whiskers from lower to upper over the bar in slot {@code slot} of {@code count} per category. */
  function intervalSeries(name, points, slot, count) {
    return {
      type: 'custom',
      name: name,
      data: points,
      encode: {x: 0, y: [1, 2]},
      z: 10,
      tooltip: {show: false},
      renderItem: function (params, api) {
        var layout = api.barLayout({barGap: BAR_GAP, barCategoryGap: CATEGORY_GAP, count: count})[slot];
        var top = api.coord([api.value(0), api.value(2)]);
        var bottom = api.coord([api.value(0), api.value(1)]);
        var x = top[0] + layout.offsetCenter;
        var half = layout.width * 0.25;
        var style = {stroke: '#222', lineWidth: 1.5, fill: 'none'};
        return {
          type: 'group',
          children: [
            {type: 'line', shape: {x1: x, y1: top[1], x2: x, y2: bottom[1]}, style: style},
            {type: 'line', shape: {x1: x - half, y1: top[1], x2: x + half, y2: top[1]}, style: style},
            {type: 'line', shape: {x1: x - half, y1: bottom[1], x2: x + half, y2: bottom[1]}, style: style}
          ]
        };
      }
    };
  }

  /** A dashed line across each benchmark's band at its chance level. */
  function chanceSeries(domains) {
    return {
      type: 'custom',
      name: 'chance',
      data: domains.map(function (d, i) {
        return [i, d.chance];
      }),
      encode: {x: 0, y: 1},
      z: 11,
      itemStyle: {color: '#b00020'},
      tooltip: {show: false},
      renderItem: function (params, api) {
        var point = api.coord([api.value(0), api.value(1)]);
        var half = api.size([1, 0])[0] / 2;
        return {
          type: 'line',
          shape: {x1: point[0] - half, y1: point[1], x2: point[0] + half, y2: point[1]},
          style: {stroke: '#b00020', lineWidth: 1.5, lineDash: [6, 4]}
        };
      }
    };
  }

  function accuracyChart(element, suite) {
    var domains = suite.domains;
    var candidate = suite.candidateLabel;
    var hasBase = domains.some(function (d) {
      return d.base !== null;
    });
    var models = hasBase ? [[BASE, 'base', '#8c9bab'], [candidate, 'candidate', '#2f6db5']]
      : [[candidate, 'candidate', '#2f6db5']];
    var series = [];
    models.forEach(function (model, slot) {
      var key = model[1];
      series.push({
        type: 'bar',
        name: model[0],
        barGap: BAR_GAP,
        barCategoryGap: CATEGORY_GAP,
        itemStyle: {color: model[2]},
        data: domains.map(function (d) {
          return d[key] === null ? '-' : d[key].accuracy;
        })
      });
      series.push(intervalSeries(model[0], domains.map(function (d, i) {
        return d[key] === null ? [i, '-', '-'] : [i, d[key].lower, d[key].upper];
      }), slot, models.length));
    });
    series.push(chanceSeries(domains));
    create(element).setOption({
      animation: false,
      legend: {top: 0},
      grid: {left: 60, right: 20, top: 40, bottom: 60},
      tooltip: {
        trigger: 'axis',
        axisPointer: {type: 'shadow'},
        formatter: function (params) {
          var d = domains[params[0].dataIndex];
          var lines = ['<b>' + escapeHtml(d.domain) + '</b>', describe(candidate, d.candidate)];
          if (d.base !== null) {
            lines.push(describe(BASE, d.base));
          }
          lines.push('chance ' + fixed4(d.chance));
          return lines.join('<br>');
        }
      },
      xAxis: {type: 'category', data: domains.map(function (d) {
        return d.domain;
      }), axisLabel: {interval: 0, rotate: domains.length > 6 ? 30 : 0}},
      yAxis: {type: 'value', name: 'accuracy', min: 0, max: 1},
      series: series
    });
  }

  function lossChart(element, rmu) {
    function points(values) {
      return values.map(function (v, i) {
        return [i + 1, v];
      });
    }
    create(element).setOption({
      animation: false,
      legend: {top: 0},
      grid: {left: 70, right: 20, top: 40, bottom: 50},
      tooltip: {trigger: 'axis'},
      dataZoom: [{type: 'inside'}],
      xAxis: {type: 'value', name: 'step', min: 1, max: Math.max(1, rmu.total.length), minInterval: 1},
      yAxis: {type: 'value', name: 'loss', scale: true},
      series: [
        {type: 'line', name: 'forget', showSymbol: false, data: points(rmu.forget)},
        {type: 'line', name: 'retain (× alpha)', showSymbol: false, data: points(rmu.retain)},
        {type: 'line', name: 'total', showSymbol: false, data: points(rmu.total)}
      ]
    });
  }

  function probeChart(element, probe) {
    var variants = probe.variants;
    var points = variants.map(function (v) {
      return {value: v.accuracy, itemStyle: {color: v.judged ? '#2f6db5' : '#9fb9da'}};
    });
    var series = [
      {type: 'bar', name: probe.key, barGap: BAR_GAP, barCategoryGap: CATEGORY_GAP, data: points},
      intervalSeries(probe.key, variants.map(function (v, i) {
        return [i, v.lower, v.upper];
      }), 0, 1),
      chanceSeries(variants.map(function () {
        return {chance: probe.chance};
      }))
    ];
    create(element).setOption({
      animation: false,
      grid: {left: 60, right: 20, top: 20, bottom: 60},
      tooltip: {
        trigger: 'axis',
        axisPointer: {type: 'shadow'},
        formatter: function (params) {
          var v = variants[params[0].dataIndex];
          return '<b>' + escapeHtml(probe.benchmark + ' [' + v.name + ']') + '</b><br>'
            + describe(v.judged ? 'judged' : 'not judged', v) + '<br>chance ' + fixed4(probe.chance);
        }
      },
      xAxis: {type: 'category', data: variants.map(function (v) {
        return v.name;
      }), axisLabel: {interval: 0, rotate: variants.length > 6 ? 30 : 0}},
      yAxis: {type: 'value', name: 'accuracy', min: 0, max: 1},
      series: series
    });
  }

  document.querySelectorAll('.wmdp-accuracy-chart').forEach(function (element) {
    accuracyChart(element, data.suites[Number(element.getAttribute('data-suite-index'))]);
  });
  document.querySelectorAll('.wmdp-probe-chart').forEach(function (element) {
    probeChart(element, data.suites[Number(element.getAttribute('data-suite-index'))]
      .probes[Number(element.getAttribute('data-probe-index'))]);
  });
  document.querySelectorAll('.wmdp-loss-chart').forEach(function (element) {
    lossChart(element, data.suites[Number(element.getAttribute('data-suite-index'))].rmu);
  });
}());
