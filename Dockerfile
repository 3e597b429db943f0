# storybot as a container: docs/service.md, "A container".
#
#   podman build --format docker -t storybot-discord .      (or: docker build -t storybot-discord .)
#
# BASE is any Debian-based image with Python 3.11+ and its venv module: by default the official
# slim Python image; deploy/test-container.sh builds one from Debian's own packages with mmdebstrap.
# (--format docker keeps the HEALTHCHECK, which podman's default OCI format drops.)
ARG BASE=docker.io/library/python:3.11-slim-bookworm

FROM ${BASE} AS build
RUN python3 -m venv /opt/storybot
COPY pyproject.toml README.md /src/
COPY bot /src/bot
RUN /opt/storybot/bin/pip install --no-cache-dir --disable-pip-version-check '/src[postgresql,formats]' \
    && /opt/storybot/bin/pip uninstall --yes --quiet pip setuptools

FROM ${BASE}
COPY --from=build /opt/storybot /opt/storybot
# A user of its own, no login, no root. The stories volume holds stories/ and, beside it, stories-kept/,
# where /story add and /story remove keep the files they replace.
RUN useradd --uid 10001 --user-group --no-log-init --home-dir /home/storybot --create-home --shell /usr/sbin/nologin storybot \
    && mkdir -p /library /data /index \
    && chown storybot:storybot /library /data /index
COPY --chown=storybot:storybot corpus /library/stories
ENV PATH=/opt/storybot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    STORYBOT_CORPUS=/library/stories \
    STORYBOT_DATA=/data \
    STORYBOT_INDEX=/index
VOLUME ["/library", "/data", "/index"]
USER storybot
WORKDIR /home/storybot
# Healthy while the bot is connected to Discord: `health` reads the heartbeat the bot touches in /data
# every 30 s. The first start may build the index of a large library before it connects.
HEALTHCHECK --interval=60s --timeout=15s --start-period=10m --retries=3 CMD ["python", "-m", "bot", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m", "bot"]
CMD ["run"]
