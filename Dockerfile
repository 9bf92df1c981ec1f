# The cobuild web app, served by gunicorn. Built and run by docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /srv/cobuild
COPY pyproject.toml README.md ./
COPY translations translations
COPY graphmodel graphmodel
COPY loaders loaders
COPY visualizations visualizations
COPY service service
RUN pip install . \
    && useradd --system --home-dir /srv/cobuild --shell /usr/sbin/nologin cobuild \
    && mkdir -p var && chown cobuild:cobuild var

USER cobuild
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# One app (and one Neo4j driver) per worker: no --preload.
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "4", \
     "--access-logfile", "-", "service.wsgi:app"]
