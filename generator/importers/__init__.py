"""Importers: turn what wards already have into content files.

One module (or package) per source: the national portal's Excel list of procedures
(``portal_list``), a procedure detail record saved by a crawler (``portal``) and a plan
appendix table copied from Word (``plan``). ``writer`` writes YAML the way staff write
it, ``store`` finds, merges and saves files without losing a staff member's edits, and
``command`` is the ``congkhai import`` command group. See README.md in this folder for the design.
"""
