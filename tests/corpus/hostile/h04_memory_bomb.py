# expect: zero=all cell_error="MemoryError"
# Allocates (and touches) memory in 64 MiB chunks until something stops it: the per-submission
# memory limit turns this into a MemoryError instead of starving the machine.
def grow():
    hog = []
    while True:
        hog.append(b"\x01" * (64 << 20))


grow()
