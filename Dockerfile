FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        tesseract-ocr tesseract-ocr-eng tesseract-ocr-nor tesseract-ocr-osd antiword \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir .
ENV AVTALE_DATA_DIR=/data OMP_THREAD_LIMIT=1
VOLUME /data
EXPOSE 8000
CMD ["avtale", "serve", "--host", "0.0.0.0"]
