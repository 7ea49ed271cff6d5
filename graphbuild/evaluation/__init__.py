"""Scoring extraction against annotated data.

- ``gold``: the project's gold schema (``tests/golden``, ``../shared/eval``): entities,
  quote attribution, relations.
- ``dequotes``: the German news quotation corpus (de-quotes), with its own metric.
"""
