import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[][] iv = new long[n][2];
        for (int i = 0; i < n; i++) { st.nextToken(); iv[i][0] = Long.parseLong(st.sval); st.nextToken(); iv[i][1] = Long.parseLong(st.sval); }
        Arrays.sort(iv, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<long[]> res = new ArrayList<>();
        for (long[] v : iv) {
            if (!res.isEmpty() && v[0] <= res.get(res.size() - 1)[1]) { long[] last = res.get(res.size() - 1); last[1] = Math.max(last[1], v[1]); }
            else res.add(new long[]{v[0], v[1]});
        }
        StringBuilder sb = new StringBuilder().append(res.size()).append('\n');
        for (long[] v : res) sb.append(v[0]).append(' ').append(v[1]).append('\n');
        System.out.print(sb);
    }
}
