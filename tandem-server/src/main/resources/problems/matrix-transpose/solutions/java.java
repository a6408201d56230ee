import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int r = (int) st.nval; st.nextToken(); int c = (int) st.nval;
        int[][] m = new int[r][c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) { st.nextToken(); m[i][j] = (int) st.nval; }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) { if (i > 0) sb.append(' '); sb.append(m[i][j]); }
            sb.append('\n');
        }
        System.out.print(sb);
    }
}
