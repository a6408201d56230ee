import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int t = (int) st.nval;
        long M = 1000000007L; int N = 100001;
        long[] f = new long[N + 1]; f[0] = 1; f[1] = 1;
        for (int i = 2; i <= N; i++) f[i] = (f[i - 1] + f[i - 2]) % M;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < t; k++) { st.nextToken(); sb.append(f[(int) st.nval]).append('\n'); }
        System.out.print(sb);
    }
}
