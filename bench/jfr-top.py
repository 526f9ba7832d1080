#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (jdk.ExecutionSample): the hottest methods by self
time (the frame on top of the stack) and by total time (anywhere on the stack), and the busiest
threads, each as a share of all samples. JDK 17's `jfr` has no `view hot-methods`; this is it.

Usage: bench/jfr-top.py RECORDING.jfr [--top N] [--match TEXT] [--thread TEXT]
  --match TEXT   the total-time table lists only methods whose name contains TEXT (e.g. io.theeye)
  --thread TEXT  count only samples of threads whose name contains TEXT
"""
import argparse
import collections
import json
import subprocess


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"] + "." + method["name"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--match", default="")
    parser.add_argument("--thread", default="")
    args = parser.parse_args()
    printed = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.ExecutionSample", args.recording],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]
    self_time, total_time, threads = collections.Counter(), collections.Counter(), collections.Counter()
    samples = 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        if args.thread not in thread:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        samples += 1
        threads[thread.rstrip("0123456789-")] += 1
        self_time[frame_name(frames[0])] += 1
        for name in {frame_name(f) for f in frames}:
            if args.match in name:
                total_time[name] += 1
    if samples == 0:
        print("no samples")
        return

    def table(title, counter):
        print(f"\n{title}")
        for name, n in counter.most_common(args.top):
            print(f"{100.0 * n / samples:6.1f}%  {name}")

    print(f"{samples} samples in {args.recording}")
    table("busiest threads (name without its number)", threads)
    table("self time (top of the stack)", self_time)
    table("total time (anywhere on the stack)" + (f", methods containing '{args.match}'" if args.match else ""),
          total_time)


if __name__ == "__main__":
    main()
