"""FirstError on real Twisted (FirstErrorTests): the facts spec/combine/errors.spec.ts asserts
about txdefer. (FailureGroup is not in Twisted 22.4: it came with race, in 23.8.)

Each line is "label: observed value"; the label names the spec (`it`) it backs.
Run with /usr/bin/python3 (Debian's python3-twisted).
"""
from twisted.internet.defer import FirstError
from twisted.python.failure import Failure


def show(label, value):
    print("%s: %s" % (label, value))


# A failure made, not raised: no frames, so the text is the same everywhere.
failure = Failure(ValueError("bar"))

error = FirstError(failure, 3)
show("FirstError keeps the sub-failure and the index", (error.subFailure is failure, error.index))
show("test_repr: the inspected form is FirstError[#index, repr of the value]", repr(error))
show("test_str: the message is FirstError[#index, str of the sub-failure]",
     str(FirstError(failure, 5)) == "FirstError[#5, " + str(failure) + "]")
show("...which for this frameless failure reads", repr(str(FirstError(failure, 5))))

other = Failure(ValueError("bar"))
show("test_comparison: equal for the same Failure object and index", FirstError(failure, 1) == FirstError(failure, 1))
show("...not for another index", FirstError(failure, 1) == FirstError(failure, 2))
try:
    compared = FirstError(failure, 1) == FirstError(other, 1)
except TypeError as e:
    compared = "TypeError: %s" % e
# 22.4 compares (index, subFailure) tuples with cmp(), and Failures cannot be ordered, so
# this raises. The reference (A.1) describes 24.10's equality, which compares the tuples
# with ==, so it is False there, as txdefer's equals() says.
show("...another Failure at the same index: 22.4 raises", compared)
show("...never equal to something that is not a FirstError", FirstError(failure, 1) == 10)
show("FailureGroup in 22.4", "absent")
