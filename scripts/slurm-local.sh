#!/usr/bin/env bash
# Starts a one-node Slurm cluster on localhost (munged, slurmctld, slurmd) for the launcher's integration test
# and for trying `uniner run RECIPE --launcher slurm` without a cluster.
#
# Idempotent: installs `slurm-wlm` and `munge` from Debian only when missing and makes a munge key only when there
# is none; each start gets its own state folder, ports and munge socket, so it never touches a system-wide Slurm.
#   scripts/slurm-local.sh              start; prints "conf=... dir=... pids=... seconds=..." once the node is idle
#   scripts/slurm-local.sh --stop DIR   stop the daemons started with state folder DIR and remove DIR
# Then:  export SLURM_CONF=<conf>   (sinfo, sbatch, squeue and sacct read it)
#
# The node runs jobs as root with proctrack/linuxproc and task/none: no cgroups, so it works in a container.
set -euo pipefail
started=$(date +%s.%N)

stop() {
    local dir="$1"
    [[ -d "$dir" ]] || exit 0
    # slurmd first (it holds the jobs), then the controller, then munged, which both need until they exit.
    for name in slurmd slurmctld munged; do
        local file="$dir/$name.pid"
        [[ -s "$file" ]] || continue
        local pid; pid=$(cat "$file")
        kill "$pid" 2>/dev/null || continue
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    # Only a folder this script made (it holds slurm.conf) is removed.
    [[ -f "$dir/slurm.conf" ]] && rm -rf "$dir"
    exit 0
}
if [[ "${1:-}" == "--stop" ]]; then stop "${2:?usage: $0 --stop DIR}"; fi

# 1. The packages, once.
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
        || ! command -v munged >/dev/null; then
    if [[ $(id -u) != 0 ]]; then
        echo "slurm-local.sh installs Slurm and runs its node as root; run it as root, or set UNINER_SKIP_SLURM=1" >&2
        exit 1
    fi
    echo "installing slurm-wlm and munge from Debian" >&2
    # Keep the packages' init scripts from starting system-wide daemons (this script starts its own).
    policy=/usr/sbin/policy-rc.d made_policy=""
    if [[ ! -e "$policy" ]]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; made_policy=1; fi
    apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >&2
    [[ -n "$made_policy" ]] && rm -f "$policy"
fi

# 2. The munge key, once (the packages may have made one).
KEY=/etc/munge/munge.key
if [[ ! -s "$KEY" ]]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of="$KEY" bs=1 count=1024 status=none
fi
chown munge:munge "$KEY" 2>/dev/null || true
chmod 400 "$KEY"

# 3. A state folder, free ports and the configuration.
DIR=$(mktemp -d "${TMPDIR:-/tmp}/uniner-slurm.XXXXXX")
chmod 755 "$DIR"
mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" "$DIR/munge"
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"; }
CTLD_PORT=$(free_port); SLURMD_PORT=$(free_port)
while [[ "$SLURMD_PORT" == "$CTLD_PORT" ]]; do SLURMD_PORT=$(free_port); done
# This machine's CPUs and memory as slurmd sees them, the node renamed to localhost.
NODE=$(slurmd -C | head -n1 | sed -e 's/^NodeName=[^ ]*/NodeName=localhost NodeAddr=127.0.0.1/')
SOCKET="$DIR/munge/munge.socket"
cat >"$DIR/slurm.conf" <<CONF
ClusterName=uniner-local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
$NODE
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$DIR/slurm.conf"

# 4. The daemons: munged on its own socket (as root: --force), then the controller and the node.
chown munge:munge "$DIR/munge" 2>/dev/null || true
munged --force --socket="$SOCKET" --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log" \
    --seed-file="$DIR/munge/munge.seed" >&2
slurmctld -f "$SLURM_CONF" >&2
slurmd -f "$SLURM_CONF" -N localhost >&2

# 5. Wait until the node is idle.
for _ in $(seq 1 300); do
    state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n1 || true)
    if [[ "$state" == "idle" ]]; then
        pids="$(cat "$DIR/munged.pid"),$(cat "$DIR/slurmctld.pid"),$(cat "$DIR/slurmd.pid")"
        seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")
        echo "conf=$SLURM_CONF dir=$DIR pids=$pids seconds=$seconds"
        exit 0
    fi
    sleep 0.2
done
echo "the Slurm node did not become idle (state: ${state:-none}); logs in $DIR/log" >&2
tail -n 20 "$DIR"/log/*.log >&2 || true
"$0" --stop "$DIR"
exit 1
