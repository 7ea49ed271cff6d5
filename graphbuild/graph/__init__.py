"""The RDF side of graphbuild: ontology terms, IRI minting and mapping, the store, validation.

``mapping.to_quads(resolution)`` turns one resolved article into quads of its named graph;
``store.Store.merge(graph, quads)`` swaps that graph in and recomputes the merged entity
descriptions in one transaction; ``validate.validate(store)`` checks the SHACL shapes.
docs/graph.md describes the resulting dataset.
"""
