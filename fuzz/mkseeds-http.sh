#!/bin/sh
# Regenerates the real-server seeds of fuzz/corpus/http: responses of a real lighttpd
# (a 200 with Content-Length and ETag, a 206 to a Range request, a 301 for a directory,
# a 304 to If-None-Match, a 404, a 416), captured byte for byte, each prefixed with the
# chunking seed byte and the body-cap byte of fuzz/fuzz_http.c. The hand-written seeds of
# the same folder (chunked, interim, refusals) are not touched. Run from the repository root:
#   fuzz/mkseeds-http.sh
set -eu
OUT=fuzz/corpus/http
T=$(mktemp -d)
PORT=${PORT:-18080}
mkdir -p "$T/www/phones" "$OUT"
printf 'SET APPNAME S96x1_SALBR7_0_1r15_V4r83.tar\r\nGET 46xxsettings.txt\r\n' > "$T/www/96xxupgrade.txt"
printf '## 46xxsettings\nSET HTTPDIR phones\n' > "$T/www/phones/46xxsettings.txt"
cat > "$T/lighttpd.conf" <<CONF
server.document-root = "$T/www"
server.port = $PORT
server.bind = "127.0.0.1"
server.errorlog = "$T/error.log"
mimetype.assign = (".txt" => "text/plain")
CONF
lighttpd -D -f "$T/lighttpd.conf" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
sleep 1
get() { # get NAME CAPBYTE REQUEST
    python3 - "$PORT" "$3" > "$T/resp" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
data = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    data += b
sys.stdout.buffer.write(data)
PY
    { printf '\007'; printf "$2"; cat "$T/resp"; } > "$OUT/$1"
}
H='User-Agent: Mozilla/4.0 (compatible; MSIE 6.0)\r\nHost: 127.0.0.1\r\nConnection: close\r\n'
get lighttpd-200 '\004' "GET /96xxupgrade.txt HTTP/1.1\r\n$H\r\n"
get lighttpd-206 '\004' "GET /96xxupgrade.txt HTTP/1.1\r\n${H}Range: bytes=10-\r\n\r\n"
get lighttpd-301 '\004' "GET /phones HTTP/1.1\r\n$H\r\n"
get lighttpd-404 '\004' "GET /nothere.txt HTTP/1.1\r\n$H\r\n"
get lighttpd-416 '\004' "GET /96xxupgrade.txt HTTP/1.1\r\n${H}Range: bytes=9999-\r\n\r\n"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$OUT/lighttpd-200")
get lighttpd-304 '\004' "GET /96xxupgrade.txt HTTP/1.1\r\n${H}If-None-Match: $etag\r\n\r\n"
get lighttpd-http10 '\004' "GET /phones/46xxsettings.txt HTTP/1.0\r\n\r\n"
