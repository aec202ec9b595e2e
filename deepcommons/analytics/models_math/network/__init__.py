"""Social-network analysis with two interchangeable engines, networkx and igraph.

Graphs are `SocialGraph` values: node labels plus integer edge arrays, which
convert cheaply to either library. Every function takes `backend="networkx"`
or `"igraph"`; the default is igraph above 50,000 edges and networkx below.
Both give the same numbers (the test suite checks it); where a result depends
on a heuristic's random choices (Louvain, Leiden, label propagation) the
partitions may differ but their modularity is computed the same way.

Conventions:
- the follow graph is directed, edge follower → followee, so PageRank and
  in-degree rank the followed; weights are 1;
- the interaction graph is undirected, weighted by the number of interactions;
- betweenness ignores weights (interaction counts are strengths, not lengths);
- eigenvector centrality, communities, bridges, brokers and clustering use the
  undirected version of a directed graph (reciprocal edges' weights summed).

Modules: `graph` (SocialGraph, building graphs, the backend choice), `influence`
(centrality, influencers), `community` (communities, modularity) and
`structure` (bridges and brokers, summary). Import from this package:
`network.centrality(...)`.
"""

from deepcommons.analytics.models_math.network.community import (
    Communities,
    CommunityMethod,
    communities,
    modularity,
)
from deepcommons.analytics.models_math.network.graph import (
    IGRAPH_ABOVE_EDGES,
    Backend,
    SocialGraph,
    as_social_graph,
    choose_backend,
    follow_graph,
    interaction_graph,
)
from deepcommons.analytics.models_math.network.influence import (
    CentralityMethod,
    Ranking,
    centrality,
    influencers,
)
from deepcommons.analytics.models_math.network.structure import (
    BridgesAndBrokers,
    GraphSummary,
    bridges_and_brokers,
    summary,
)

__all__ = [
    "IGRAPH_ABOVE_EDGES",
    "Backend",
    "BridgesAndBrokers",
    "CentralityMethod",
    "Communities",
    "CommunityMethod",
    "GraphSummary",
    "Ranking",
    "SocialGraph",
    "as_social_graph",
    "bridges_and_brokers",
    "centrality",
    "choose_backend",
    "communities",
    "follow_graph",
    "influencers",
    "interaction_graph",
    "modularity",
    "summary",
]
