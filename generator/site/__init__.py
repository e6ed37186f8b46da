"""The one door to MkDocs and Material: only the modules here import them.

``config`` makes MkDocs' configuration in memory from site_config.yml; ``plugin`` turns
``PageSpec``s into MkDocs pages; ``build`` runs MkDocs into a staging folder, checks links and
swaps the site in; ``render`` renders a share of the pages in a forked child; ``serve`` is the
live preview; ``mkdocs_private`` holds every private or undocumented MkDocs API congkhai uses,
one function each. Importing this package loads nothing: ``check``, ``import``, ``new`` and
``changes`` never load MkDocs.
"""
