# The runner image: the sandbox image plus Node and the runner. Inside its
# container the runner uses the bubblewrap backend on the image's own /opt
# tree (toolchains, crates, warm caches), so it needs a privileged container
# (namespaces, cgroups and a tmpfs per job); see compose.yaml.
ARG SANDBOX=localhost/hybrid-lab-sandbox:latest
FROM ${SANDBOX}

COPY node /usr/local/bin/node
COPY app /opt/hybrid/runner

ENV RUNNER_HOST=0.0.0.0 \
    RUNNER_PORT=8787 \
    RUNNER_BACKEND=bubblewrap \
    RUNNER_PREBUILT_SANDBOX=/opt \
    RUNNER_STATE_DIR=/var/lib/hybrid-lab-runner \
    PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

WORKDIR /opt/hybrid/runner
EXPOSE 8787
USER 0
CMD ["node", "src/server.ts"]
