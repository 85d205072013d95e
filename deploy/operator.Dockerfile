# syntax=docker/dockerfile:1
# hoop-operator. Build from the repository root: docker build -f deploy/operator.Dockerfile -t hoop-operator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish operator/Hoop.Operator/Hoop.Operator.csproj -c Release -o /out --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
# Numeric, so runAsNonRoot can verify it without reading /etc/passwd. The chart runs the pod as 10001 too.
USER 10001:10001
EXPOSE 9443 8080 8081
ENTRYPOINT ["/app/hoop-operator"]
