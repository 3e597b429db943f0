"""How long a test waits for what the code under test will do: a bound that only ends a test that would otherwise never
end, not a timing. The tests are ordered (they wait for the reply, the line printed, the process ended), so a busy
machine makes them slower, never wrong; a reply that is wrong still fails at once, one that never comes after this.

A bot's reply that starts processes (an upload's reader, a reload's builder: each a Python that imports the bot) takes
about 3 s alone and took 15 s at a load of 8 on 2 cores (four test workers and two other jobs), so a bound of a few
times what it takes alone fails on a busy machine: this one leaves room for ten times worse."""

HANG_SECONDS = 120.0
