"""Readers for what people send besides PDFs: Word files, scanned images, e-mail. Each turns
bytes into the same `PdfText` (text per page, tables, OCR'd pages) the PDF reader gives, so
the rest of the pipeline and extraction do not care where a contract came from."""
