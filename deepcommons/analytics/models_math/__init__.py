"""DeepCommons' analytics models: pure functions over NumPy arrays and pandas DataFrames.

No Django anywhere in this package, so it can be tested and reused on its own:

    from deepcommons.analytics.models_math import growth, activity, diffusion, network

- `growth`: exponential, logistic and Gompertz curves; `compare` ranks them by AIC.
- `activity`: RFM segments, K-Means clusters, the BG/NBD churn model, cohort retention.
- `diffusion`: the SIR ODE and the Bass model fitted to series; stochastic SIR on a graph.
- `network`: follow and interaction graphs, influencers, communities, bridges, summary,
  on networkx or igraph.

Each fit returns a frozen dataclass with the parameters, their standard errors
or intervals where the method gives them, goodness of fit and `predict`. Bad
input raises ValueError saying what is wrong. See docs/analytics.md.
"""

from deepcommons.analytics.models_math import activity, diffusion, growth, network

__all__ = ["activity", "diffusion", "growth", "network"]
