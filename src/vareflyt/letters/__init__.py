"""Letters and documents for people: jinja2 templates rendered to HTML, and PDFs with fpdf2.

* ``render`` — templates to autoescaped HTML, Norwegian number and date filters (purchase
  orders, deviation notices, the morning report, letters);
* ``pdf`` — simple HTML to PDF through fpdf2's ``write_html`` (purchase orders, deviation notices);
* ``notice`` — a dunning letter as HTML and as a PDF for a window envelope (``render_letter``),
  and a run's letters as one PDF for printing (``combine``); built from ``content`` (what the
  letter shows), ``wording`` (labels in nb and en), ``markup`` (template paragraphs for the
  PDF) and ``layout`` (where it is drawn on the page).
"""
