"""Oracle for spec/node/react.spec.ts: task.react (reference A.6) on real Twisted: each
program runs in a process of its own, and its exit code and what it reported are shown.
One labelled line per fact."""
import subprocess
import sys

PROGRAMS = {
    "success exits with code 0": "lambda reactor: task.deferLater(reactor, 0.01, lambda: None)",
    "a failure is reported and exits with code 1": "lambda reactor: defer.fail(ValueError('broken'))",
    "a SystemExit failure exits with its code": "lambda reactor: defer.fail(SystemExit(3))",
    "main gets its arguments after the reactor": "lambda reactor, a, b: defer.succeed(print(a, b))",
}
ARGV = {"main gets its arguments after the reactor": "('one', 'two')"}


def fact(label, value):
    print(f"{label}: {value}")


for label, main in PROGRAMS.items():
    code = (
        "from twisted.internet import defer, task\n"
        f"task.react({main}, {ARGV.get(label, '()')})\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    reported = "main function encountered error" in run.stderr + run.stdout
    fact(label, (run.returncode, run.stdout.strip(), reported))

run = subprocess.run(
    [sys.executable, "-c", "from twisted.internet import task\ntask.react(lambda reactor: 42)"],
    capture_output=True,
    text=True,
)
fact("main returning neither a Deferred nor a coroutine raises", run.stderr.strip().split("\n")[-1])
