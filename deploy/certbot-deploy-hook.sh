#!/bin/sh
# certbot's deploy hook for a server that serves TLS itself (no proxy): Let's Encrypt's files are root's alone, so
# each renewal copies them where the service's group can read them, and the server reads them again by itself (it
# watches the files; the reload is for a server that was down while they changed). Install (as root):
#   install -m 755 deploy/certbot-deploy-hook.sh /etc/letsencrypt/renewal-hooks/deploy/flowerpower.sh
#   certbot renew --force-renewal    # once, to put the first copy in place (or run this script by hand with RENEWED_LINEAGE set)
# Then serve with --certificate /etc/flowerpower/tls/fullchain.pem --certificate-key /etc/flowerpower/tls/privkey.pem
set -eu
lineage=${RENEWED_LINEAGE:?certbot sets RENEWED_LINEAGE, the folder of the renewed certificate}
target=/etc/flowerpower/tls
install -d -m 750 -o root -g flowerpower "$target"
# The key first: a certificate that matches no key yet is refused and the one in use stays until both are in place.
install -m 640 -o root -g flowerpower "$lineage/privkey.pem" "$target/privkey.pem.new"
install -m 644 -o root -g flowerpower "$lineage/fullchain.pem" "$target/fullchain.pem.new"
mv -f "$target/privkey.pem.new" "$target/privkey.pem"
mv -f "$target/fullchain.pem.new" "$target/fullchain.pem"
systemctl reload flowerpower-server 2>/dev/null || true
