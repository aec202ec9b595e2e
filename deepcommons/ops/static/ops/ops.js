// Draws every .ops-chart from its JSON (ops/charts.py, Chart.as_json) with the
// vendored Apache ECharts. Tooltips render as rich text on the canvas: the
// HTML tooltip writes style attributes, which the site's CSP forbids.
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) { return (css.getPropertyValue(name) || "").trim() || fallback; }
  var text = colour("--text", "#222"), muted = colour("--muted", "#666"), border = colour("--border", "#ddd");
  var locale = document.documentElement.lang || "en";
  var numbers = new Intl.NumberFormat(locale, { maximumSignificantDigits: 4 });
  var percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });

  function formatter(spec) {
    return function (value) {
      if (value === null || value === undefined || value === "-") { return "–"; }
      return spec.percent ? percents.format(value) : numbers.format(value);
    };
  }

  function axes(spec) {
    var fmt = formatter(spec);
    return {
      xAxis: { type: "category", data: spec.x, name: spec.xLabel, nameLocation: "middle", nameGap: 28,
               axisLabel: { color: muted }, axisLine: { lineStyle: { color: border } } },
      yAxis: { type: "value", name: spec.yLabel, axisLabel: { color: muted, formatter: fmt },
               splitLine: { lineStyle: { color: border } } }
    };
  }

  function cartesian(spec) {
    var option = axes(spec);
    var series = [];
    spec.series.forEach(function (s) {
      if (s.band) {
        // A shaded interval: the low edge, then the width stacked on it.
        var stack = "band-" + series.length;
        series.push({ type: "line", data: s.band.map(function (b) { return b[0]; }), stack: stack,
                      lineStyle: { opacity: 0 }, symbol: "none", silent: true, name: s.name + " ·" });
        series.push({ type: "line", data: s.band.map(function (b) { return b[0] === null || b[1] === null ? null : b[1] - b[0]; }),
                      stack: stack, lineStyle: { opacity: 0 }, symbol: "none", silent: true,
                      areaStyle: { opacity: 0.2 }, name: s.name + " ··" });
      }
      series.push({ type: s.kind === "scatter" ? "scatter" : s.kind, name: s.name, data: s.data,
                    showSymbol: s.data.length < 60, connectNulls: false,
                    lineStyle: s.dashed ? { type: "dashed" } : undefined });
    });
    option.series = series;
    option.legend = { data: spec.series.map(function (s) { return s.name; }), textStyle: { color: text }, top: 0 };
    option.dataZoom = spec.x.length > 60 ? [{ type: "inside" }, { type: "slider", height: 18, bottom: 0 }] : [];
    return option;
  }

  function heatmap(spec) {
    var data = [], max = 0;
    spec.values.forEach(function (row, y) {
      row.forEach(function (v, x) { if (v !== null) { data.push([x, y, v]); max = Math.max(max, v); } });
    });
    var option = axes(spec);
    option.yAxis = { type: "category", data: spec.y, name: spec.yLabel, axisLabel: { color: muted }, inverse: true };
    option.visualMap = { min: 0, max: spec.percent ? 1 : max || 1, calculable: true, orient: "horizontal",
                         left: "center", bottom: 0, textStyle: { color: text }, formatter: formatter(spec) };
    option.grid = { bottom: 80 };
    option.series = [{ type: "heatmap", data: data, label: { show: spec.x.length <= 16, color: "#000",
                       formatter: function (p) { return formatter(spec)(p.value[2]); } } }];
    return option;
  }

  function sankey(spec) {
    return { series: [{ type: "sankey", data: spec.nodes.map(function (n) { return { name: n.name }; }),
      links: spec.links.map(function (l) {
        return { source: spec.nodes[l.source].name, target: spec.nodes[l.target].name, value: l.value };
      }), label: { color: text }, emphasis: { focus: "adjacency" } }] };
  }

  function graph(spec) {
    var groups = [];
    spec.nodes.forEach(function (n) { if (groups.indexOf(n.group) < 0) { groups.push(n.group); } });
    // Nodes that carry x and y (a layout computed on the server) stay where they are put.
    var placed = spec.nodes.length > 0 && spec.nodes.every(function (n) {
      return typeof n.x === "number" && typeof n.y === "number";
    });
    return {
      legend: { data: groups.map(String), textStyle: { color: text }, top: 0 },
      series: [{ type: "graph", layout: placed ? "none" : "force", roam: true, draggable: true,
        categories: groups.map(function (g) { return { name: String(g) }; }),
        data: spec.nodes.map(function (n) {
          var node = { id: String(n.id), name: n.name, value: n.value, symbolSize: n.size || 10,
                       category: groups.indexOf(n.group) };
          if (placed) { node.x = n.x * 100; node.y = n.y * 100; }
          return node;
        }),
        links: spec.links.map(function (l) { return { source: String(l.source), target: String(l.target), value: l.value }; }),
        force: { repulsion: 120, edgeLength: [40, 120] }, label: { show: spec.nodes.length <= 40, position: "right", color: text },
        lineStyle: { opacity: 0.5, curveness: 0.1 } }]
    };
  }

  var builders = { line: cartesian, bar: cartesian, scatter: cartesian, heatmap: heatmap, sankey: sankey, graph: graph };

  function draw(element) {
    fetch(element.getAttribute("data-chart-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (spec) {
        if (spec.empty) { element.classList.add("ops-chart-empty"); return; }
        var option = builders[spec.kind](spec);
        option.animation = false;
        option.tooltip = { trigger: spec.kind === "line" || spec.kind === "bar" ? "axis" : "item", renderMode: "richText" };
        option.textStyle = { color: text };
        var chart = window.echarts.init(element, null, { renderer: "canvas" });
        chart.setOption(option);
        element.setAttribute("data-drawn", "1");
        window.addEventListener("resize", function () { chart.resize(); });
      })
      .catch(function () { element.classList.add("ops-chart-failed"); element.setAttribute("data-drawn", "failed"); });
  }

  document.querySelectorAll(".ops-chart[data-chart-url]").forEach(draw);
})();
