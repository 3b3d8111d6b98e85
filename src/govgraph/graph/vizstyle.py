"""How classes look in the network view: a family (colour, shape, size) per kind of thing, a shade per class.

A class takes the family of its nearest ancestor that has one (a lower chamber is a state body,
a constitution a legal document), so new subclasses in the ontology are styled without code changes.
Within a family each class gets its own shade of the family colour, stable for a given ontology.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from govgraph.namespaces import GG, OA

LABEL_MIN_PX = 10  # labels smaller than this on screen are not drawn (hover shows them); vis fades them below it
EDGE_LABEL_MIN_PX = 13


@dataclass(frozen=True, slots=True)
class Family:
    """A kind of thing with its look; `provenance` families are hidden until asked for."""

    key: str
    label: str
    color: str
    shape: str
    size: int
    font: int = 14
    provenance: bool = False


# legend order: the political structure first, provenance last
FAMILIES: dict[str, Family] = {
    str(GG.Country): Family("country", "countries", "#8c564b", "hexagon", 30, font=24),
    str(GG.Branch): Family("branch", "branches of power", "#d62728", "star", 28, font=24),
    str(GG.StateBody): Family("body", "state bodies", "#1f77b4", "square", 20, font=20),
    str(GG.Office): Family("office", "offices", "#9467bd", "triangle", 17, font=18),
    str(GG.Person): Family("person", "people", "#ff7f0e", "dot", 14, font=18),
    str(GG.Tenure): Family("tenure", "tenures", "#c49c94", "triangleDown", 10, font=14),
    str(GG.PoliticalParty): Family("party", "political parties", "#2ca02c", "diamond", 18, font=18),
    str(GG.Organization): Family("organization", "other organizations", "#17becf", "square", 14, font=16),
    str(GG.Region): Family("region", "regions", "#bcbd22", "hexagon", 16, font=16),
    str(GG.Reform): Family("reform", "reforms", "#e377c2", "star", 22, font=20),
    str(GG.Change): Family("change", "changes", "#f0a8d0", "diamond", 11, font=14),
    str(GG.Event): Family("event", "events", "#ff9896", "triangleDown", 16, font=16),
    str(GG.ElectionResult): Family("result", "election results", "#98df8a", "dot", 9, font=13),
    str(GG.LegalDocument): Family("law", "laws and legal documents", "#637939", "square", 15, font=16),
    str(GG.GovernanceModel): Family("model", "governance models", "#5254a3", "hexagon", 15, font=16),
    str(GG.Document): Family("document", "other documents", "#8c6d31", "square", 13, font=15),
    str(GG.SourceDocument): Family("article", "source articles", "#6b6ecf", "square", 16, font=12, provenance=True),
    str(GG.Claim): Family("claim", "claims", "#a3a3a3", "dot", 7, font=10, provenance=True),
    str(OA.SpecificResource): Family("evidence", "evidence (quoted sentences)", "#c9c95f", "dot", 6, font=10, provenance=True),
    str(GG.Conflict): Family("conflict", "conflicts between claims", "#e31a1c", "diamond", 12, font=12, provenance=True),
    str(GG.BuildRun): Family("run", "build run", "#525252", "star", 14, font=12, provenance=True),
}
# classes that the ontology imports without a label of their own
CLASS_LABELS = {str(OA.SpecificResource): "quoted sentence"}
OTHER = Family("other", "other things", "#bab0ac", "dot", 12, font=13)
_FAMILY_ORDER = {iri: index for index, iri in enumerate(FAMILIES)}
_OTHER_RANK = min(i for iri, i in _FAMILY_ORDER.items() if FAMILIES[iri].provenance) - 0.5  # structure first
_SHADES = (0.0, 0.32, -0.28, 0.55, -0.45, 0.18, -0.14, 0.44, -0.36, 0.26, -0.2, 0.62)


def family_of(ancestors: list[str]) -> tuple[str, Family]:
    """The family class and family of a class, given the class and its ancestors nearest first."""
    for cls in ancestors:
        if cls in FAMILIES:
            return cls, FAMILIES[cls]
    return "", OTHER


def family_rank(family_cls: str) -> float:
    """Position of a family in the legend."""
    return _FAMILY_ORDER.get(family_cls, _OTHER_RANK)


def shade(color: str, index: int) -> str:
    """The index-th shade of a colour: 0 is the colour, then alternately lighter and darker."""
    amount = _SHADES[index % len(_SHADES)]
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) if amount >= 0 else round(c * (1 + amount)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def border(color: str) -> str:
    """A darker edge for a node of this colour."""
    return shade(color, 2)


def wrap_width(font: int) -> int:
    """Width at which vis-network wraps a label of this size (about 22 characters a line)."""
    return round(13 * font)


def vis_options(classes: list[dict[str, Any]], *, physics: bool, large: bool) -> dict[str, Any]:
    """vis-network options for the page: one group per legend class, labels drawn only where they are legible."""
    groups = {}
    for c in classes:
        color = {"background": c["color"], "border": c["border"]}
        groups[c["key"]] = {"shape": c["shape"], "size": c["size"], "color": {**color, "highlight": color, "hover": color},
                            "font": {"size": c["font"], "color": "#555555"} if c["prov"] else {"size": c["font"]},
                            "widthConstraint": {"maximum": wrap_width(c["font"])}}
    threshold = {"label": {"drawThreshold": LABEL_MIN_PX, "maxVisible": 24}}
    return {
        "groups": groups,
        "nodes": {
            "borderWidth": 1.5,
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1d1d1d", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": threshold,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#8c8c8c", "highlight": "#30507a", "hover": "#30507a", "inherit": False},
            "font": {"size": 11, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "width": 1.2,
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            # link names only once zoomed in past 1.1 (hovering a link shows its name at any zoom)
            "scaling": {"label": {"drawThreshold": EDGE_LABEL_MIN_PX, "maxVisible": 18}},
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -55, "centralGravity": 0.015, "springLength": 100,
                                 "springConstant": 0.07, "avoidOverlap": 0.6},
            "minVelocity": 1.5,
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50, "fit": True},
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
