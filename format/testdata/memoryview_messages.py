# The CPython side of BenchmarkReaderMessages: the same 100,000 framed
# messages (<II header, 1024-byte payload) walked with struct.unpack_from
# and memoryview slices. Run: python3 format/testdata/memoryview_messages.py
import struct, time
N=100000; P=1024
hdr=struct.Struct('<II')
buf=bytearray()
body=bytes(P)
for i in range(N):
    buf+=hdr.pack(i%7,P); buf+=body
data=bytes(buf)
def parse(data):
    mv=memoryview(data); off=0; n=len(data); s=0
    unpack_from=hdr.unpack_from
    while off<n:
        t,l=unpack_from(mv,off); off+=8
        p=mv[off:off+l]; off+=l
        s+=t+len(p)
    return s
best=1e9
for _ in range(7):
    t=time.perf_counter(); parse(data); best=min(best,time.perf_counter()-t)
print("cpython memoryview parser: %.1f ns/msg (best of 7)"%(best/N*1e9))
