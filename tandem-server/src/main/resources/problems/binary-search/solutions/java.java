import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) { st.nextToken(); a[i] = Long.parseLong(st.sval); }
        st.nextToken(); int q = Integer.parseInt(st.sval);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < q; k++) {
            st.nextToken(); long x = Long.parseLong(st.sval);
            int i = Arrays.binarySearch(a, x);
            sb.append(i >= 0 ? i : -1).append('\n');
        }
        System.out.print(sb);
    }
}
