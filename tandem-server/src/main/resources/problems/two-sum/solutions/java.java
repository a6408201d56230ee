import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) { st.nextToken(); a[i] = Long.parseLong(st.sval); }
        st.nextToken(); long t = Long.parseLong(st.sval);
        HashMap<Long, Integer> seen = new HashMap<>();
        for (int j = 0; j < n; j++) {
            Integer i = seen.get(t - a[j]);
            if (i != null) { System.out.println(i + " " + j); return; }
            seen.putIfAbsent(a[j], j);
        }
    }
}
