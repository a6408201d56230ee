import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long best = Long.MIN_VALUE, cur = 0;
        for (int i = 0; i < n; i++) {
            st.nextToken(); long x = Long.parseLong(st.sval);
            cur = (i == 0 || cur < 0) ? x : cur + x;
            best = Math.max(best, cur);
        }
        System.out.println(best);
    }
}
