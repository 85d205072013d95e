# syntax=docker/dockerfile:1
# hoop-gateway. Build from the repository root: docker build -f deploy/gateway.Dockerfile -t hoop-gateway .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish gateway-sidecar/Hoop.Gateway/Hoop.Gateway.csproj -c Release -o /out --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# OpenSSH's sshd is the gateway's SSH front (real crypto for real clients); it hands each session to the gateway.
RUN apt-get update \
    && apt-get install -y --no-install-recommends openssh-server \
    && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*_key* \
    && mkdir -p /run/sshd
WORKDIR /app
COPY --from=build /out .
# The operator's gateway StatefulSet runs as 10001 with every capability dropped and a read-only root filesystem.
USER 10001:10001
ENTRYPOINT ["/app/hoop-gateway"]
