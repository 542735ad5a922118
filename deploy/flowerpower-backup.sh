#!/bin/sh
# A dated copy of the server's SQLite database, and copies older than the retention removed: what
# flowerpower-backup.service runs once a day. The copy is taken while the server serves ('backup' is one consistent
# snapshot) and is readable by its owner only. Exit 0 when the copy is written; a failed copy removes nothing.
#   flowerpower-backup.sh SERVER DATABASE FOLDER [DAYS]
#   flowerpower-backup.sh /opt/flowerpower/FlowerPower.Cloud.Server /var/lib/flowerpower/flowerpower.db /var/lib/flowerpower/backups 14
set -eu
server=$1
database=$2
folder=$3
days=${4:-14}
case $days in '' | *[!0-9]*) echo "flowerpower-backup: DAYS must be a whole number, not '$days'" >&2; exit 2 ;; esac
umask 077
mkdir -p "$folder"
copy="$folder/flowerpower-$(date -u +%Y-%m-%dT%H%M%SZ).db"
"$server" backup "$copy" --database "$database"
# Only this script's own copies, older than DAYS days, and never the one just written.
find "$folder" -maxdepth 1 -type f -name 'flowerpower-*.db' -mtime +"$((days - 1))" ! -path "$copy" -print -delete
