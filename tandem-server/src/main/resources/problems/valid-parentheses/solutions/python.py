import sys
def valid(s):
    st = []
    pair = {")": "(", "]": "[", "}": "{"}
    for c in s:
        if c in pair:
            if not st or st.pop() != pair[c]: return False
        else:
            st.append(c)
    return not st
lines = sys.stdin.read().split()
t = int(lines[0])
print("\n".join("true" if valid(s) else "false" for s in lines[1:1 + t]))
