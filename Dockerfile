# /oppfolging in a container. The steps are the README's "Drift / Running it" install and start, word for word:
#   python3.11 -m venv /opt/oppfolging && /opt/oppfolging/bin/pip install .
#   oppfolging db upgrade && oppfolging serve
# Build: docker build -t oppfolging .   Run: see compose.yaml (with PostgreSQL 16).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin oppfolging

WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY schedules ./schedules
RUN python3.11 -m venv /opt/oppfolging && /opt/oppfolging/bin/pip install . && rm -rf /src/build

ENV PATH=/opt/oppfolging/bin:$PATH \
    HOST=0.0.0.0 \
    PORT=3000

# The working directory holds .env (if mounted) and, without DATABASE_URL, the SQLite file: mount a volume here.
WORKDIR /data
RUN chown oppfolging:oppfolging /data
USER oppfolging

EXPOSE 3000
# 200 only when the database answers at the migrated head, the scheduler runs and its last sweep is recent.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

CMD ["sh", "-c", "oppfolging db upgrade && exec oppfolging serve"]
