"""Letters and documents for people: jinja2 templates rendered to HTML, and PDFs with fpdf2.

* ``render`` — templates to autoescaped HTML, Norwegian number and date filters (purchase
  orders, deviation notices, the morning report, letters); ``render_blocks`` also hands back a
  template's blocks as the PDF's paragraphs;
* ``page`` — the A4 page every printed document shares: letterhead with the workspace's
  ``logo.png`` (``logo``), the recipient in the window of a window envelope, footer with
  "Side 1 av 2"; ``table`` — tables with right-aligned numbers, headings never broken inside a
  word, continued on the next page under their heading row;
* ``notice`` — a dunning letter as HTML and as a PDF (``render_letter``), and a run's letters
  as one PDF for printing (``combine``); built from ``content`` (what the letter shows),
  ``wording`` (labels in nb and en) and ``markup`` (template paragraphs for the PDF);
* ``supplier_pdf`` — the printable purchase order and the invoice deviation notice.
"""
