"""zh-Hans for the analytics report's fit warnings (catalogue: deepcommons/analytics/locale)."""

ZH = {
    "not identifiable": "无法识别",
    "Fits the data cannot support": "数据无法支撑的拟合",
    "These fits are marked not identifiable, and their curves are not drawn:": "以下拟合标记为无法识别，不绘制其曲线：",
    "%(param)s = %(value)s ended on the edge of its search range: the data do not determine it.": "%(param)s = %(value)s 停在搜索范围的边界上：数据无法确定它。",
    "The data cannot tell the parameters apart: the fit is degenerate.": "数据无法区分各参数：拟合是退化的。",
    "The standard error of %(param)s (%(se)s) is larger than the estimate (%(value)s).": "%(param)s 的标准误（%(se)s）大于估计值（%(value)s）。",
    "m = %(m)s is more than the %(population)s members who could adopt.": "m = %(m)s 超过了可能采纳的 %(population)s 名成员。",
    "m = %(m)s is %(ratio)s times the %(observed)s adopters seen and the counts have not started to fall: the data cannot fix the market size.": "m = %(m)s 是已观察到的 %(observed)s 名采纳者的 %(ratio)s 倍，且每期人数尚未开始下降：数据无法确定市场规模。",
    "R0 = %(R0)s is above any plausible value (%(limit)s).": "R0 = %(R0)s 高于任何合理的取值（%(limit)s）。",
    "The 95%% interval of R0 (%(low)s to %(high)s) is unbounded.": "R0 的 95%% 区间（%(low)s 至 %(high)s）没有界限。",
}
