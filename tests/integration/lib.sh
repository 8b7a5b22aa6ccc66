# Shared by the integration tests and the demo: a real lighttpd on 127.0.0.1 serving a site
# folder over HTTP and HTTPS, a throw-away PKI, and signed images. Source it, then:
#   it_pki DIR                 server CA + server cert (127.0.0.1, localhost), product root,
#                              signer (tests/image/mkpki.sh), in DIR; other.pem (a server
#                              cert for another name), expired.pem (expired in 2020)
#   it_start SITE DIR          lighttpd serving SITE, config/logs in DIR; sets IT_HTTP,
#                              IT_HTTPS (ports: free ones, or IT_HTTP_PORT/IT_HTTPS_PORT when
#                              set, so that IT_EXTRA_CONF can name them) and IT_LOG (access
#                              log: "port request status bytes" per line); it_log prints it;
#                              it_stop stops the server. IT_EXTRA_CONF: lines appended to the
#                              configuration (more sockets, CGI, redirects...)
#   it_image PKI OUT KIND NAME MODELS COUNTER [BYTES]   a signed image
set -u

it_pki() {
    d=$1
    ./tests/image/mkpki.sh "$d"
    (
        cd "$d" || exit 1
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
            -subj "/CN=deskprov test server CA" -keyout tls-ca.key -out tls-ca.pem \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
            2>/dev/null
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
            -keyout server.key -out server.csr 2>/dev/null
        printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
        openssl x509 -req -in server.csr -CA tls-ca.pem -CAkey tls-ca.key -CAcreateserial -days 3650 \
            -extfile server.ext -out server.pem 2>/dev/null
        # a certificate for another name, and an expired one, for the TLS refusal tests
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=other.example" \
            -keyout other.key -out other.csr 2>/dev/null
        printf 'subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n' > other.ext
        openssl x509 -req -in other.csr -CA tls-ca.pem -CAkey tls-ca.key -CAcreateserial -days 3650 \
            -extfile other.ext -out other.pem 2>/dev/null
        # expired.pem: the right names, valid for one day of 2020 (openssl ca sets the dates)
        mkdir -p ca.tmp && : > ca.tmp/index.txt && echo 01 > ca.tmp/serial
        printf '[ca]\ndefault_ca = d\n[d]\ndir = ca.tmp\ndatabase = ca.tmp/index.txt\nserial = ca.tmp/serial\nnew_certs_dir = ca.tmp\ndefault_md = sha256\npolicy = p\ncopy_extensions = copy\nunique_subject = no\n[p]\ncommonName = supplied\n' > ca.tmp/ca.cnf
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
            -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -addext extendedKeyUsage=serverAuth \
            -keyout expired.key -out expired.csr 2>/dev/null
        openssl ca -batch -config ca.tmp/ca.cnf -cert tls-ca.pem -keyfile tls-ca.key \
            -startdate 20200101000000Z -enddate 20200102000000Z -in expired.csr -out expired.pem \
            >/dev/null 2>&1
        rm -rf ./*.csr ./*.ext ./*.srl ca.tmp
    )
}

# A free TCP port on 127.0.0.1 (probed by binding with the shell's /dev/tcp is not possible:
# ask the kernel through a short-lived lighttpd-free probe of the ephemeral range).
it_free_port() {
    p=$(( 20000 + ($$ * 7 + ${1:-0} * 131 + $(date +%N | sed 's/^0*//;s/^$/1/') % 20000) % 30000 ))
    while (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
    echo "$p"
}

it_start() {
    site=$1
    d=$2
    mkdir -p "$d"
    IT_HTTP=${IT_HTTP_PORT:-$(it_free_port 1)}
    IT_HTTPS=${IT_HTTPS_PORT:-$(it_free_port 2)}
    [ "$IT_HTTPS" != "$IT_HTTP" ] || IT_HTTPS=$((IT_HTTP + 1))
    IT_LOG=$d/access.log
    : > "$IT_LOG"
    cat > "$d/lighttpd.conf" <<CONF
server.document-root = "$(cd "$site" && pwd)"
server.bind          = "127.0.0.1"
server.port          = $IT_HTTP
server.modules       = ( "mod_openssl", "mod_accesslog", "mod_redirect" )
accesslog.filename   = "$(cd "$d" && pwd)/access.log"
accesslog.format     = "%p %r %s %b"
mimetype.assign      = ( ".txt" => "text/plain", "" => "application/octet-stream" )
\$SERVER["socket"] == "127.0.0.1:$IT_HTTPS" {
    ssl.engine  = "enable"
    ssl.pemfile = "${IT_PEM:-$(cd "$d" && pwd)/../pki/server.pem}"
    ssl.privkey = "${IT_KEY:-$(cd "$d" && pwd)/../pki/server.key}"
}
${IT_EXTRA_CONF:-}
CONF
    IT_DIR=$d
    it_launch
}

it_launch() {
    lighttpd -D -f "$IT_DIR/lighttpd.conf" 2>"$IT_DIR/lighttpd.stderr" &
    IT_PID=$!
    i=0
    while ! curl -s -o /dev/null "http://127.0.0.1:$IT_HTTP/__it_probe"; do
        i=$((i + 1))
        if [ $i -gt 100 ] || ! kill -0 "$IT_PID" 2>/dev/null; then
            echo "lighttpd did not start:"; cat "$IT_DIR/lighttpd.stderr"; return 1
        fi
        sleep 0.05
    done
}

# lighttpd writes its access log in batches (every second or two) and when it stops:
# it_log stops the server, prints the log without the start-up probes, empties it and
# starts the server again on the same ports.
it_log() {
    it_stop
    grep -v ' /__it_probe ' "$IT_LOG" || true
    : > "$IT_LOG"
    it_launch
}

it_stop() {
    if [ -n "${IT_PID:-}" ]; then
        kill "$IT_PID" 2>/dev/null || true
        wait "$IT_PID" 2>/dev/null || true
        IT_PID=
    fi
}

it_image() {
    pki=$1 out=$2 kind=$3 name=$4 models=$5 counter=$6 bytes=${7:-200000}
    head -c "$bytes" /dev/urandom > "$out.payload"
    "$DESKPROV" image create --key "$pki/signer.key" --cert "$pki/signer.pem" --chain "$pki/inter.pem" \
        --kind "$kind" --model "$models" --version "$name" --counter "$counter" --name "$name" \
        "$out.payload" -o "$out" >/dev/null
    rm -f "$out.payload"
}
