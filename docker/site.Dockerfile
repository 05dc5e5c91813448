# The site image: the built static site (site/dist, with the .br and .gz
# siblings the build writes) behind a small Node static file server.
# BASE as in sandbox.Dockerfile.
ARG BASE=localhost/hybrid-lab-base:bookworm-cgo
FROM ${BASE}

COPY node /usr/local/bin/node
COPY static-server.mjs content-encoding.mjs /srv/
COPY dist /srv/site

ENV SITE_ROOT=/srv/site SITE_HOST=0.0.0.0 SITE_PORT=4321
EXPOSE 4321
USER 65534
CMD ["/usr/local/bin/node", "/srv/static-server.mjs"]
