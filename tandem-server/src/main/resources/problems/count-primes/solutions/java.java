import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int t = (int) st.nval; int[] qs = new int[t]; int m = 2;
        for (int i = 0; i < t; i++) { st.nextToken(); qs[i] = (int) st.nval; m = Math.max(m, qs[i]); }
        boolean[] comp = new boolean[m + 1];
        int[] below = new int[m + 1]; int c = 0;
        for (int i = 0; i <= m; i++) {
            below[i] = c;
            if (i >= 2 && !comp[i]) { c++; for (long j = (long) i * i; j <= m; j += i) comp[(int) j] = true; }
        }
        StringBuilder sb = new StringBuilder();
        for (int q : qs) sb.append(below[q]).append('\n');
        System.out.print(sb);
    }
}
