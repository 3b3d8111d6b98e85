"""RDF: records to quads, stores, exports, the network projection and the visualization."""
